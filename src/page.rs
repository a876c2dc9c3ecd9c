//! Whole pages and publisher fragments with the widget pre-rendered in them (native only).
