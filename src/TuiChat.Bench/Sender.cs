using System.Diagnostics;
using TuiChat.Bench.Wire;

namespace TuiChat.Bench;

/// <summary>
/// Sends one client's share of the workload. Paced: message k of sender s is due at
/// start + (k * senders + s) / rate, so the senders interleave evenly. Full speed: as fast as
/// the socket takes them, a batch per write, but never more than <c>window</c> messages ahead
/// of the slowest receiver, so that the bench measures the server rather than overflowing a
/// send queue (ngircd drops a client whose write buffer passes 32 KiB). Each message is
/// stamped right before the write that carries it.
/// </summary>
internal sealed class Sender
{
    private const int MaxBatch = 16;

    private readonly BenchClient _client;
    private readonly int _senderIndex;
    private readonly int _senders;
    private readonly int _messages;
    private readonly double _rate;
    private readonly int _window;
    private readonly DeliveryLedger _ledger;
    private readonly int _excludedReceiver;
    private readonly MessageTemplate _template;
    private readonly byte[] _batch;

    public Sender(BenchClient client, int senderIndex, BenchPlan plan, DeliveryLedger ledger, MessageTemplate template, bool echoesToSender)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(template);
        _client = client;
        _senderIndex = senderIndex;
        _senders = plan.Senders;
        _messages = plan.Messages;
        _rate = plan.Rate;
        _window = plan.Window;
        _ledger = ledger;
        _excludedReceiver = echoesToSender ? -1 : client.Index;
        _template = template;
        int slots = plan.Rate > 0 ? 1 : MaxBatch;
        _batch = new byte[slots * template.Bytes.Length];
        for (int i = 0; i < slots; i++)
        {
            template.Bytes.CopyTo(_batch, i * template.Bytes.Length);
        }
    }

    public long Sent { get; private set; }

    public Task RunAsync(long startTicks, CancellationToken cancel) =>
        _rate > 0 ? PacedAsync(startTicks, cancel) : FullSpeedAsync(cancel);

    private async Task PacedAsync(long startTicks, CancellationToken cancel)
    {
        int length = _template.Bytes.Length;
        for (int seq = 0; seq < _messages; seq++)
        {
            long due = startTicks + (long)(((double)seq * _senders + _senderIndex) / _rate * Stopwatch.Frequency);
            TimeSpan wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancel).ConfigureAwait(false);
            }
            Marker.Write(_batch.AsSpan(_template.MarkerOffset), _senderIndex, seq, Stopwatch.GetTimestamp());
            await _client.SendAsync(_batch.AsMemory(0, length)).ConfigureAwait(false);
            Sent = seq + 1;
        }
    }

    private async Task FullSpeedAsync(CancellationToken cancel)
    {
        int length = _template.Bytes.Length;
        int seq = 0;
        while (seq < _messages)
        {
            int count = Math.Min(MaxBatch, _messages - seq);
            if (_window > 0)
            {
                count = Math.Min(count, await CreditAsync(seq, cancel).ConfigureAwait(false));
            }
            long now = Stopwatch.GetTimestamp();
            for (int i = 0; i < count; i++)
            {
                Marker.Write(_batch.AsSpan((i * length) + _template.MarkerOffset), _senderIndex, seq + i, now);
            }
            await _client.SendAsync(_batch.AsMemory(0, count * length)).ConfigureAwait(false);
            seq += count;
            Sent = seq;
        }
    }

    /// <summary>Waits until the slowest receiver is within the window; returns how many may be sent.</summary>
    private async ValueTask<int> CreditAsync(int seq, CancellationToken cancel)
    {
        long credit = _window - (seq - _ledger.SlowestProgress(_senderIndex, _excludedReceiver));
        if (credit > 0)
        {
            return (int)Math.Min(credit, int.MaxValue);
        }
        // Window full: refill half of it before sending again, polling rather than signalling so
        // the receive path stays free of cross-thread wake-ups.
        while ((credit = _window - (seq - _ledger.SlowestProgress(_senderIndex, _excludedReceiver))) < Math.Max(1, _window / 2))
        {
            await Task.Delay(1, cancel).ConfigureAwait(false);
        }
        return (int)credit;
    }
}
