-- ReleaseIndex: the kstatus reading alone (Stalled=True covers a changed spec and an invalid one).
return kstatus(obj)
