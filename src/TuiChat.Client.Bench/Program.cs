using BenchmarkDotNet.Running;

// BenchmarkDotNet runs of the full-screen client's input path.
// dotnet run -c Release --project src/TuiChat.Client.Bench -- --filter "*" --job short --inProcess
BenchmarkSwitcher.FromAssembly(typeof(TuiChat.Client.Bench.KeystrokeBenchmarks).Assembly).Run(args);
