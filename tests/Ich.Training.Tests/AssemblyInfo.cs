// TorchSharp's random generator is process-wide: test classes running in parallel would reseed and draw from it
// in between one another's calls, so a "seeded" test could see other inputs from run to run. Run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
