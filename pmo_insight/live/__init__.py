"""The room takes part: live sessions people join from their phones, dot votes, the timer."""
