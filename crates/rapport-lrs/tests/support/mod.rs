//! What the LRS tests share: a real LRS to send to.

pub mod ralph;
