//! SCAFFOLD: the feelings exercise's records and rules.
