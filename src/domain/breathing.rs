//! SCAFFOLD: the breathing exercise's records and rules.
