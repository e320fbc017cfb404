"""The codebook panel: themes, their colours and shortcuts, and the edits on them."""
