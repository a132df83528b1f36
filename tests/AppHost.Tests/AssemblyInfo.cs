// Every test here runs the AppHost on the fixed ports of a local run, so they run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
