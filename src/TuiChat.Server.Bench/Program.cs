using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using TuiChat.Server.Bench;
using TuiChat.Server.Storage;

// Server-side benchmarks (BenchmarkDotNet): the store's write path.
//   dotnet run -c Release --project src/TuiChat.Server.Bench -- --filter "*" --job short --inProcess
// On a shared machine wall time mostly measures the other processes; "cpu [operations]" runs the
// same benchmark's configurations and prints this process's CPU time per stored line instead.
if (args is ["cpu", ..])
{
    int operations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
    foreach (SqliteSync sync in new[] { SqliteSync.Full, SqliteSync.Normal })
    {
        foreach (int inFlight in new[] { 1, 32 })
        {
            var bench = new StoreAppendBenchmarks { Sync = sync, InFlight = inFlight };
            bench.Setup();
            bench.Append(); // the JIT's first pass
            bench.IndexWaitingLines(); // counted from an index that holds every line so far
            using Process self = Process.GetCurrentProcess();
            TimeSpan cpu = self.TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < operations; i++)
            {
                bench.Append();
            }
            bench.IndexWaitingLines();
            TimeSpan wall = Stopwatch.GetElapsedTime(start);
            self.Refresh();
            double lines = operations * (double)StoreAppendBenchmarks.LinesPerOperation;
            Console.WriteLine(FormattableString.Invariant(
                $"sync={sync} inFlight={inFlight}: {(self.TotalProcessorTime - cpu).TotalMicroseconds / lines:F1} µs CPU and {wall.TotalMicroseconds / lines:F1} µs wall per line ({lines:F0} lines)"));
            bench.Cleanup();
        }
    }
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(StoreAppendBenchmarks).Assembly).Run(args);
