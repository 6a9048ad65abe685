//! SCAFFOLD: the thought_record exercise's records and rules.
