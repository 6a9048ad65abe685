//! SCAFFOLD: the movement exercise's records and rules.
