using BenchmarkDotNet.Running;

// Client-side benchmarks (BenchmarkDotNet): dotnet run -c Release --project src/TuiChat.Client.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(TuiChat.Client.Bench.AppendLineBenchmarks).Assembly).Run(args);
