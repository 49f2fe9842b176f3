namespace TuiChat.Protocol;

/// <summary>The default limits of PROTOCOL.md section 3. Servers may override them by settings.</summary>
public static class ProtocolLimits
{
    public const int Version = 1;
    public const int DefaultMaxFrame = 1024 * 1024;
    public const int MaxDepth = 16;
    public const int MaxIdLength = 64;
    public const int MaxUserNameLength = 32;
    public const int MaxRoomNameLength = 48;
    public const int MaxTextBytes = 4096;
    public const int MaxFileNameBytes = 255;
    public const long DefaultMaxFileBytes = 100L * 1024 * 1024;
    public const int MaxChunkBytes = 64 * 1024;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;
    public const int DefaultHistoryLimit = 50;
    public const int MaxHistoryLimit = 200;
    public const int RateBurst = 20;
    public const int DefaultRatePerSecond = 10;
    public const int DefaultOutboundQueueBytes = 8 * 1024 * 1024;
    public const int MaxFailedHellos = 5;

    /// <summary>Rooms a <c>hello</c> may ask to start in (<see cref="Messages.HelloRequest.Rooms"/>); more are joined one by one.</summary>
    public const int MaxHelloRooms = 50;

    public static readonly TimeSpan HelloDeadline = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan IdlePing = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);
}
