"""Runners: the same pipeline in this process, in a pool of worker processes, or (later) on Dask."""
