"""Qt-free report writers."""
