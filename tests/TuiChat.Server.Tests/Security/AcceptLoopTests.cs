using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using TuiChat.Server.Tests.Storage;
using TuiChat.Server.Tests.Support;

namespace TuiChat.Server.Tests.Security;

/// <summary>
/// The real server out of descriptors: its RLIMIT_NOFILE is lowered (prlimit) to a few more than
/// it holds, and a crowd of connections takes the rest. It must back off, log the shortage once
/// rather than thousands of times, and accept again once descriptors are free.
/// </summary>
public sealed partial class AcceptLoopTests : IDisposable
{
    private const int Headroom = 24;
    private const int Crowd = 96;
    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task AfterRunningOutOfDescriptors_TheServerBacksOff_LogsOnce_AndAcceptsAgain()
    {
        Assert.True(OperatingSystem.IsLinux(), "this test lowers a Linux process's descriptor limit");
        await using ServerProcess server = await ServerProcess.StartAsync(_data.Path, ["--max-connections-per-address", "0"]);
        // The last line of the start: from here on the server opens nothing but connections.
        await Eventually.Until(() => server.Output.Contains("admin login is impossible", StringComparison.Ordinal), "the server has started");
        await using (TestClient warmUp = await TestClient.LoginAsync(server.Port, "warmup"))
        {
            await warmUp.ExpectOkAsync("quit");
        }
        int open = Directory.GetFiles($"/proc/{server.Pid}/fd").Length;
        await SetDescriptorLimitAsync(server.Pid, open + Headroom);

        var crowd = new List<TcpClient>();
        try
        {
            for (int i = 0; i < Crowd; i++)
            {
                var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", server.Port);
                crowd.Add(client);
            }
            await Eventually.Until(() => Directory.GetFiles($"/proc/{server.Pid}/fd").Length >= open + Headroom - 2, "the server is at its limit");
            // Let the shortage go on for a while: a spinning loop logs thousands of lines in that time.
            await Eventually.Until(() => ShortageLines(server.Output) > 0, "the shortage is logged");
        }
        finally
        {
            foreach (TcpClient client in crowd)
            {
                client.Dispose();
            }
        }

        // While the crowd's descriptors are being freed a client may still be turned away; like a
        // real client, it tries again.
        await using TestClient after = await LoginWhenAcceptedAsync(server.Port);
        await after.ExpectOkAsync("msg", new { to = "#general", text = "accepting again" });
        Assert.True(ShortageLines(server.Output) <= 4, $"the shortage was logged {ShortageLines(server.Output)} times:\n{Tail(server.Output)}");
        Assert.DoesNotContain("Unhandled", server.Output, StringComparison.Ordinal);
    }

    private static async Task<TestClient> LoginWhenAcceptedAsync(int port)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            TestClient client = await TestClient.ConnectAsync(port);
            try
            {
                System.Text.Json.JsonElement reply = await client.RequestAsync("hello", new { protocol = 1, user = "after" });
                if (TestClient.IsOk(reply))
                {
                    return client;
                }
                Assert.True(TestClient.IsError(reply, "internal") && DateTime.UtcNow < deadline, $"not accepted again: {reply}");
            }
            catch (Exception e) when ((e is IOException or TimeoutException) && DateTime.UtcNow < deadline)
            {
                // Closed while the server was still short of descriptors.
            }
            await client.DisposeAsync();
        }
    }

    private static int ShortageLines(string output) => ShortageLine().Count(output);

    private static string Tail(string output) => output.Length <= 3000 ? output : output[^3000..];

    private static async Task SetDescriptorLimitAsync(int pid, int limit)
    {
        using var prlimit = Process.Start(new ProcessStartInfo("prlimit", $"--pid {pid} --nofile={limit}:{limit}") { RedirectStandardError = true })!;
        await prlimit.WaitForExitAsync();
        Assert.True(prlimit.ExitCode == 0, "prlimit failed: " + await prlimit.StandardError.ReadToEndAsync());
    }

    /// <summary>A failed accept or connection start (this server's words, and those before the fix).</summary>
    [GeneratedRegex(@"Accept failed|failed \(.*backing off|Connection .* failed|Too many open files", RegexOptions.Multiline)]
    private static partial Regex ShortageLine();
}
