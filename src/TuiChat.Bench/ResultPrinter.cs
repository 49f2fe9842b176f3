using System.Globalization;
using System.Text.Json;

namespace TuiChat.Bench;

/// <summary>Writes a <see cref="BenchResult"/> as one JSON line and as a short human summary.</summary>
internal static class ResultPrinter
{
    public static string Json(BenchResult result) => JsonSerializer.Serialize(result, BenchJsonContext.Default.BenchResult);

    public static void Summary(BenchResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        CultureInfo c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{result.Proto}: {result.Clients} clients in the room, {result.IdleClients} idle, setup {result.SetupSeconds:F2} s (server CPU {result.ServerSetupCpuSeconds:F2} s)"));
        if (result.Senders > 0)
        {
            string pace = result.Rate > 0 ? string.Create(c, $"{result.Rate:F0} msg/s") : string.Create(c, $"full speed, window {result.Window}");
            output.WriteLine(string.Create(c, $"  load: {result.Senders} senders x {result.Messages} messages of {result.Size} bytes, {pace}"));
            output.WriteLine(string.Create(c, $"  deliveries: {result.Received:N0} of {result.Expected:N0} in {result.LoadSeconds:F2} s = {result.DeliveriesPerSecond:N0}/s"));
            output.WriteLine(string.Create(c, $"  latency: p50 {result.LatencyP50Ms:F2} ms, p99 {result.LatencyP99Ms:F2} ms, max {result.LatencyMaxMs:F2} ms"));
        }
        output.WriteLine(string.Create(c, $"  lost {result.Lost}, duplicates {result.Duplicates}, dropped {result.Dropped}, server errors {result.Errors}, bench CPU {result.BenchCpuSeconds:F2} s"));
        if (result.ServerPids is { } pids)
        {
            output.WriteLine(string.Create(c, $"  server {string.Join('+', pids)}: RSS {result.ServerRssBaseKiB} KiB before, {result.ServerRssConnectedKiB} KiB connected, {result.ServerRssAfterKiB} KiB after (peak {result.ServerRssPeakKiB}); {result.ServerRssPerClientKiB:F1} KiB per client; {result.ServerThreads} threads; {result.ServerCpuSeconds:F2} CPU s under load"));
        }
        output.WriteLine(result.Clean ? "  OK: nothing lost, nobody dropped" : "  FAILED: messages lost or clients dropped");
    }
}
