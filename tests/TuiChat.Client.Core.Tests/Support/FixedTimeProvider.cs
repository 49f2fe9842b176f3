namespace TuiChat.Client.Core.Tests.Support;

/// <summary>A clock at a fixed instant in a chosen time zone, so "HH:mm" stamps are predictable.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now, TimeZoneInfo zone) : TimeProvider
{
    public static FixedTimeProvider Utc { get; } = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => zone;
}
