using Serilog;

namespace TuiChat.Server.Connections;

/// <summary>
/// How the accept loop rides out a shortage of descriptors, threads or memory: it waits before the
/// next accept, twice as long after each failure in a row (up to a second), and logs one warning
/// when the shortage starts and one line when accepting works again, however many failures lie
/// between. Used by the accept loop only.
/// </summary>
public sealed class AcceptBackoff(ILogger log)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    private TimeSpan _delay = TimeSpan.Zero;
    private int _failures;

    /// <summary>Records a failure and returns how long to wait before accepting again.</summary>
    public TimeSpan Failed(Exception e, string what)
    {
        if (_failures++ == 0)
        {
            log.Warning("{What} failed ({Error}); backing off until resources are free again", what, e.Message);
        }
        _delay = _delay == TimeSpan.Zero ? FirstDelay : TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, MaxDelay.Ticks));
        return _delay;
    }

    /// <summary>Ends an episode of failures, if one was going on.</summary>
    public void Succeeded()
    {
        if (_failures == 0)
        {
            return;
        }
        log.Warning("Accepting connections again after {Failures} failures", _failures);
        _failures = 0;
        _delay = TimeSpan.Zero;
    }

    /// <summary>
    /// Waits for <paramref name="delay"/> of real time: what it waits for is the operating system
    /// freeing resources, not a deadline of the chat clock.
    /// </summary>
    public static Task WaitAsync(TimeSpan delay) => Task.Delay(delay);
}
