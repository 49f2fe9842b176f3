using TuiChat.Bench;
using TuiChat.Bench.Search;
using TuiChat.Cli;

// tuichat-bench: a load tool for TuiChat and, with --proto irc, for an IRC server running the
// same workload. Exit code 0: the run was clean; 1: messages lost or clients dropped;
// 2: bad options or the setup failed.

// Continuations of socket reads run on the socket engine's own thread instead of hopping to
// the thread pool: fewer context switches on the two cores the bench shares with the server.
// Must be set before the first socket operation; an explicit setting in the environment wins.
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
{
    Environment.SetEnvironmentVariable(InlineCompletions, "1");
}

if (!CommandLineRunner.TryParse(args, Console.Out, Console.Error, out BenchOptions? options, out int exitCode))
{
    return exitCode; // 0 after --help and --version: answers, not failures
}
if (options!.Search)
{
    return await SearchMain.RunAsync(options, Console.Out, Console.Error);
}
if (!BenchPlan.TryCreate(options!, out BenchPlan? plan, out string error))
{
    Console.Error.WriteLine("tuichat-bench: " + error);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

BenchResult result;
try
{
    result = await new BenchRunner(plan!, options!.JsonOnly ? null : Console.Error).RunAsync(cancel.Token);
}
catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException or OperationCanceledException)
{
    Console.Error.WriteLine("tuichat-bench: setup failed: " + e.Message);
    return 2;
}

if (!options.JsonOnly)
{
    ResultPrinter.Summary(result, Console.Out);
}
Console.WriteLine(ResultPrinter.Json(result));
return result.Clean ? 0 : 1;
