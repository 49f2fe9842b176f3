namespace TuiChat.Client.Core.Tests.Support;

/// <summary>
/// A clock at a fixed instant in a chosen time zone, so "HH:mm" stamps are predictable; a test may
/// move it on. Its timers fire when <see cref="Advance"/> reaches their time, on the test's thread.
/// </summary>
internal sealed class FixedTimeProvider(DateTimeOffset now, TimeZoneInfo zone) : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = now;

    /// <summary>Shared by many tests: never <see cref="Advance"/> it; make a new clock with <see cref="NewUtc"/>.</summary>
    public static FixedTimeProvider Utc { get; } = NewUtc();

    public static FixedTimeProvider NewUtc() => new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

    public void Advance(TimeSpan by)
    {
        _now += by;
        ManualTimer[] due;
        lock (_timers)
        {
            due = _timers.Where(t => t.Due <= _now).ToArray();
            _timers.RemoveAll(due.Contains);
        }
        foreach (ManualTimer timer in due)
        {
            timer.Fire();
        }
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => zone;

    /// <summary>A one-shot timer on this clock (a period is not supported: nothing here needs one).</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, () => callback(state));
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(FixedTimeProvider clock, Action fire) : ITimer
    {
        public DateTimeOffset Due { get; private set; }

        public void Fire() => fire();

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._timers)
            {
                clock._timers.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    Due = clock._now + dueTime;
                    clock._timers.Add(this);
                }
            }
            return true;
        }

        public void Dispose() => Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
