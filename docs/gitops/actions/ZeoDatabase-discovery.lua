-- ZeoDatabase actions offered in the Argo CD UI: take a backup (VolumeSnapshot) now.
local actions = {}
actions["backup-now"] = { ["disabled"] = obj.metadata.deletionTimestamp ~= nil }
return actions
