"""Administrative units of Việt Nam, versioned in time, and the successions between map versions."""
