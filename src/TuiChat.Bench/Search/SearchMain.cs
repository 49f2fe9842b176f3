using System.Net;
using System.Text.Json;

namespace TuiChat.Bench.Search;

/// <summary><c>tuichat-bench --search</c>: checks the options, runs <see cref="SearchRun"/>, prints its JSON line.</summary>
internal static class SearchMain
{
    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, TextWriter errors)
    {
        string error = !IPAddress.TryParse(options.Host, out IPAddress? address) ? "--host must be an IP address"
            : options.PortList.Count != 1 || options.PortList[0] is < 1 or > 65535 ? "--port must be one port, 1-65535"
            : options.Stored < SearchRun.Rooms ? $"--stored must be at least {SearchRun.Rooms}"
            : options.Searches < 1 ? "--searches must be at least 1"
            : "";
        if (error.Length > 0)
        {
            errors.WriteLine("tuichat-bench: " + error);
            return 2;
        }
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(options.Timeout * 10));
        var plan = new SearchPlan(new IPEndPoint(address!, options.PortList[0]), options.Stored, options.Searches, options.UserPrefix);
        try
        {
            SearchBenchResult result = await new SearchRun(plan, options.JsonOnly ? null : errors).RunAsync(cancel.Token).ConfigureAwait(false);
            output.WriteLine(JsonSerializer.Serialize(result, BenchJsonContext.Default.SearchBenchResult));
            return 0;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException or OperationCanceledException)
        {
            errors.WriteLine("tuichat-bench: search run failed: " + e.Message);
            return 2;
        }
    }
}
