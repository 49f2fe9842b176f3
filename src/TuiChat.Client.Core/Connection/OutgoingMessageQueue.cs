using System.Threading.Channels;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>
/// One queue of outgoing chat lines per connection, so they reach everyone in the order typed.
/// Exactly one line is on the wire at a time: a line leaves only after the previous one's reply.
/// A <c>rate_limited</c> refusal holds the whole queue and retries that same line first after a
/// growing pause; <see cref="SlowedChanged"/> reports while it waits. Any other refusal fails only
/// its own line and the queue goes on.
/// </summary>
internal sealed class OutgoingMessageQueue : IDisposable
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    private readonly Channel<Outgoing> _lines = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IRequestChannel _channel;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();

    public OutgoingMessageQueue(IRequestChannel channel, TimeProvider time)
    {
        _channel = channel;
        _time = time;
        _ = Task.Run(PumpAsync);
    }

    /// <summary>True while the server's rate limit holds the queue; false once a line got through again.</summary>
    public event EventHandler<bool>? SlowedChanged;

    /// <summary>Queues a line; completes with the server's <c>ok</c> (msgId, ts) once it was sent in its turn.</summary>
    public Task<MsgOk> EnqueueAsync(MsgRequest request, CancellationToken cancellationToken)
    {
        var line = new Outgoing(request, cancellationToken);
        if (!_lines.Writer.TryWrite(line))
        {
            line.Reply.TrySetException(new ChatRequestException(ChatRequestException.Disconnected, "the connection is closed"));
        }
        return line.Reply.Task;
    }

    public void Dispose()
    {
        _lines.Writer.TryComplete();
        _stop.Cancel();
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (Outgoing line in _lines.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                await SendInTurnAsync(line).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the lines still queued are failed below.
        }
        while (_lines.Reader.TryRead(out Outgoing? left))
        {
            left.Reply.TrySetException(new ChatRequestException(ChatRequestException.Disconnected, "the connection is closed"));
        }
    }

    private async Task SendInTurnAsync(Outgoing line)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(line.Cancellation, _stop.Token);
        bool slowed = false;
        TimeSpan pause = FirstPause;
        try
        {
            while (true)
            {
                try
                {
                    line.Reply.TrySetResult(await _channel.RequestOnceAsync<MsgOk>(line.Request, linked.Token).ConfigureAwait(false));
                    return;
                }
                catch (ChatRequestException e) when (e.Code == ErrorCodes.RateLimited)
                {
                    if (!slowed)
                    {
                        slowed = true;
                        SlowedChanged?.Invoke(this, true);
                    }
                    await Task.Delay(pause, _time, linked.Token).ConfigureAwait(false);
                    pause = pause * 2 > LongestPause ? LongestPause : pause * 2;
                }
            }
        }
        catch (Exception e)
        {
            line.Reply.TrySetException(e);
        }
        finally
        {
            if (slowed)
            {
                SlowedChanged?.Invoke(this, false);
            }
        }
    }

    private sealed record Outgoing(MsgRequest Request, CancellationToken Cancellation)
    {
        public TaskCompletionSource<MsgOk> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
