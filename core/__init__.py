"""Shared ideas with no models and no knowledge of any app: money, periods, the reporting clock, .xlsx writing."""
