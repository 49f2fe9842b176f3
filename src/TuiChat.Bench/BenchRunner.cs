using System.Diagnostics;
using System.Globalization;

namespace TuiChat.Bench;

/// <summary>
/// Runs one workload: connect every client in bounded parallel batches (so the server's listen
/// backlog never overflows), wait for the server to go quiet, let the senders send, wait until
/// every delivery arrived (or nothing moves any more), then measure and close.
/// </summary>
internal sealed class BenchRunner(BenchPlan plan, TextWriter? progress)
{
    private const int MemberBufferBytes = 64 * 1024;
    private const int IdleBufferBytes = 16 * 1024;
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan StallPeriod = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    public async Task<BenchResult> RunAsync(CancellationToken cancel)
    {
        var probe = new ProcessProbe(plan.ServerPids);
        long? rssBase = probe.RssKiB();
        double? serverCpuStart = probe.CpuSeconds();
        DeliveryLedger? ledger = plan.Idle ? null : new DeliveryLedger(plan.Clients, plan.Senders, plan.Messages);
        BenchClient[] clients = CreateClients(ledger);
        try
        {
            long setupStart = Stopwatch.GetTimestamp();
            await ConnectAllAsync(clients, cancel).ConfigureAwait(false);
            double setupSeconds = Stopwatch.GetElapsedTime(setupStart).TotalSeconds;
            Report(FormattableString.Invariant($"all {clients.Length} clients ready in {setupSeconds:F2} s"));
            long? rssConnected = probe.RssKiB();
            await QuiesceAsync(clients, cancel).ConfigureAwait(false);

            var result = new BenchResult
            {
                Proto = plan.Wire.Name,
                Clients = plan.Clients,
                IdleClients = plan.IdleClients,
                Senders = plan.Senders,
                Messages = plan.Messages,
                Size = plan.Size,
                Rate = plan.Rate,
                Window = plan.Idle || plan.Rate > 0 ? 0 : plan.Window,
                SetupSeconds = setupSeconds,
                ServerSetupCpuSeconds = probe.CpuSeconds() - serverCpuStart,
                ServerPids = plan.ServerPids.Count > 0 ? plan.ServerPids : null,
                ServerRssBaseKiB = rssBase,
                ServerRssConnectedKiB = rssConnected,
                ServerRssPerClientKiB = rssBase is null || rssConnected is null ? null
                    : Math.Round((double)(rssConnected.Value - rssBase.Value) / clients.Length, 1),
            };
            double? serverCpuBefore = probe.CpuSeconds();
            TimeSpan benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            if (plan.Idle)
            {
                await Task.Delay(plan.Hold, cancel).ConfigureAwait(false);
            }
            else
            {
                result = await LoadAsync(clients, ledger!, result, cancel).ConfigureAwait(false);
            }
            return result with
            {
                Dropped = clients.Count(c => c.Dropped),
                Errors = clients.Sum(c => (long)c.Errors),
                BenchCpuSeconds = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore).TotalSeconds, 2),
                ServerRssAfterKiB = probe.RssKiB(),
                ServerRssPeakKiB = probe.PeakRssKiB(),
                ServerThreads = probe.Threads(),
                ServerCpuSeconds = probe.CpuSeconds() - serverCpuBefore,
            };
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.CloseAsync())).ConfigureAwait(false);
            foreach (BenchClient client in clients)
            {
                client.Dispose();
            }
        }
    }

    private BenchClient[] CreateClients(DeliveryLedger? ledger)
    {
        int total = plan.Clients + plan.IdleClients;
        var clients = new BenchClient[total];
        for (int i = 0; i < total; i++)
        {
            bool joins = plan.Joins(i);
            string user = string.Create(CultureInfo.InvariantCulture, $"{plan.UserPrefix}{i + 1:D4}");
            clients[i] = new BenchClient(i, user, plan.Wire, joins ? ledger : null, plan.RoomOf(i), joins,
                joins ? MemberBufferBytes : IdleBufferBytes);
        }
        return clients;
    }

    private async Task ConnectAllAsync(BenchClient[] clients, CancellationToken cancel)
    {
        int ready = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = plan.ConnectParallel, CancellationToken = cancel };
        await Parallel.ForEachAsync(clients, options, async (client, token) =>
        {
            await client.StartAsync(plan.ServerFor(client.Index), plan.Timeout, token).ConfigureAwait(false);
            int done = Interlocked.Increment(ref ready);
            if (done % 1000 == 0)
            {
                Report($"{done} clients ready");
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Waits until the server has stopped sending setup traffic (joins, presence, NAMES).</summary>
    private async Task QuiesceAsync(BenchClient[] clients, CancellationToken cancel)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(plan.Timeout.TotalSeconds * Stopwatch.Frequency);
        long last = -1;
        long quietSince = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            long bytes = clients.Sum(c => c.BytesReceived);
            if (bytes != last)
            {
                last = bytes;
                quietSince = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(quietSince) >= QuietPeriod)
            {
                return;
            }
            await Task.Delay(PollInterval * 5, cancel).ConfigureAwait(false);
        }
    }

    private async Task<BenchResult> LoadAsync(BenchClient[] clients, DeliveryLedger ledger, BenchResult result, CancellationToken cancel)
    {
        var template = plan.Wire.Message(plan.Room, plan.Size);
        var senders = new Sender[plan.Senders];
        for (int s = 0; s < senders.Length; s++)
        {
            senders[s] = new Sender(clients[s], s, plan, ledger, template, plan.Wire.EchoesToSender);
        }
        long expected = plan.ExpectedDeliveries;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        long start = Stopwatch.GetTimestamp();
        Task sending = Task.WhenAll(senders.Select(s => Task.Run(() => s.RunAsync(start, stop.Token), stop.Token)));

        long lastReceived = -1;
        long progressAt = start;
        while (true)
        {
            long received = ledger.TotalReceived();
            if (received >= expected)
            {
                break;
            }
            if (received != lastReceived)
            {
                lastReceived = received;
                progressAt = Stopwatch.GetTimestamp();
            }
            bool stalled = Stopwatch.GetElapsedTime(progressAt) >= StallPeriod && (sending.IsCompleted || clients.Any(c => c.Dropped));
            if (stalled || Stopwatch.GetElapsedTime(start) >= plan.Timeout)
            {
                Report(stalled ? "deliveries stopped; giving up on the rest" : "load phase timed out");
                break;
            }
            await Task.Delay(PollInterval, cancel).ConfigureAwait(false);
        }
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Senders cut short by the timeout; what they sent is counted below.
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            Report("a sender failed: " + e.Message);
        }

        var latency = new LatencyHistogram();
        long lastReceipt = start;
        foreach (BenchClient client in clients)
        {
            if (client.Latency is not null)
            {
                latency.Add(client.Latency);
                lastReceipt = Math.Max(lastReceipt, client.LastReceiptTicks);
            }
        }
        long totalReceived = ledger.TotalReceived();
        long sent = senders.Sum(s => s.Sent);
        double seconds = Math.Max((double)(lastReceipt - start) / Stopwatch.Frequency, 1e-9);
        return result with
        {
            Sent = sent,
            Expected = expected,
            Received = totalReceived,
            Lost = expected - totalReceived,
            Duplicates = ledger.TotalDuplicates() + ledger.TotalForeign(),
            LoadSeconds = Math.Round(seconds, 3),
            DeliveriesPerSecond = Math.Round(totalReceived / seconds),
            LatencyP50Ms = Milliseconds(latency.Percentile(50)),
            LatencyP99Ms = Milliseconds(latency.Percentile(99)),
            LatencyMaxMs = Milliseconds(latency.Max),
        };
    }

    private static double Milliseconds(long ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 3);

    private void Report(string message) => progress?.WriteLine(message);
}
