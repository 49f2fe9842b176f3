namespace TuiChat.Client.Tests.Tui;

/// <summary>A clock that moves on by <paramref name="step"/> each time it is read (zero: time stands still).</summary>
internal sealed class SteppingClock(TimeSpan step) : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks += step.Ticks;
}
