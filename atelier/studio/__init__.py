"""The studio's loop: watch mode, the build summary, deliveries and BAT approvals."""
