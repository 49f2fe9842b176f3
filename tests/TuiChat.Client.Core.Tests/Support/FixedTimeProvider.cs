namespace TuiChat.Client.Core.Tests.Support;

/// <summary>A clock at a fixed instant in a chosen time zone, so "HH:mm" stamps are predictable; a test may move it on.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now, TimeZoneInfo zone) : TimeProvider
{
    private DateTimeOffset _now = now;

    /// <summary>Shared by many tests: never <see cref="Advance"/> it; make a new clock with <see cref="NewUtc"/>.</summary>
    public static FixedTimeProvider Utc { get; } = NewUtc();

    public static FixedTimeProvider NewUtc() => new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

    public void Advance(TimeSpan by) => _now += by;

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => zone;
}
