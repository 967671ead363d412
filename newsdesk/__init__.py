"""newsdesk: a publishing platform for tech-news newsrooms."""
