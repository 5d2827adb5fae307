"""The Graph diff tab: two graphs side by side, what was added, removed or changed."""
