namespace TuiChat.Protocol;

/// <summary>
/// The error-code catalogue of PROTOCOL.md. Expected refusals travel as these codes inside
/// <c>error</c> frames; exceptions are reserved for bugs and broken transports.
/// </summary>
public static class ErrorCodes
{
    public const string BadFrame = "bad_frame";
    public const string BadRequest = "bad_request";
    public const string NotLoggedIn = "not_logged_in";
    public const string ProtocolUnsupported = "protocol_unsupported";
    public const string NameInvalid = "name_invalid";
    public const string NameTaken = "name_taken";
    public const string AuthFailed = "auth_failed";
    public const string PasswordInvalid = "password_invalid";
    public const string AlreadyLoggedIn = "already_logged_in";
    public const string NoSuchRoom = "no_such_room";
    public const string NoSuchUser = "no_such_user";
    public const string NotAMember = "not_a_member";
    public const string NotAllowed = "not_allowed";
    public const string RoomInvalid = "room_invalid";
    public const string TextInvalid = "text_invalid";
    public const string RateLimited = "rate_limited";
    public const string FileInvalid = "file_invalid";
    public const string FileTooLarge = "file_too_large";
    public const string FileCorrupt = "file_corrupt";
    public const string QuotaExceeded = "quota_exceeded";
    public const string NoSuchFile = "no_such_file";

    /// <summary>Sent (without <c>re</c>) just before the server drops a client that fell too far behind reading.</summary>
    public const string SendQueue = "sendq";
    public const string Internal = "internal";

    /// <summary>The server could not store what the request needs (its database is down or failing): nothing was kept; retry later.</summary>
    public const string Unavailable = "unavailable";
}
