"""Source link health: ``debatemap links`` asks every source's ``url`` and ``archived`` address
whether it still answers, politely (``probe``: HEAD, then GET where HEAD is refused; ``run``: one
request per host at a time), reports the dead ones at their lines (``report``) and can keep the
results in content/links.yaml (``store``) for the site to show. It never runs during a build."""
