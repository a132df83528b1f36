// Each scenario runs the whole system and loads it; on a small machine two at once would measure each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
