"""Community showcase: entries readers send as pull requests, rendered safely under each lesson."""
