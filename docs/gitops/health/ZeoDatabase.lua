-- ZeoDatabase: the kstatus reading alone (read-only mode is a normal, healthy state).
return kstatus(obj)
