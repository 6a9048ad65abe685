//! Widgets written once and reused by every page.

pub mod chart;
pub mod choice;
pub mod confirm;
pub mod feedback;
pub mod icons;
pub mod later;
pub mod notices;
pub mod page_title;
pub mod rating;
