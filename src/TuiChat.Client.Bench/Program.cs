using BenchmarkDotNet.Running;

// Client-side benchmarks (BenchmarkDotNet): the full-screen client's input path and appending
// lines to a busy conversation.
// dotnet run -c Release --project src/TuiChat.Client.Bench -- --filter "*" --job short --inProcess
BenchmarkSwitcher.FromAssembly(typeof(TuiChat.Client.Bench.KeystrokeBenchmarks).Assembly).Run(args);
