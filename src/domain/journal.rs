//! SCAFFOLD: the journal exercise's records and rules.
