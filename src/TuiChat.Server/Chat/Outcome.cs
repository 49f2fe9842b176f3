namespace TuiChat.Server.Chat;

/// <summary>
/// The result of a chat operation: success, or a refusal carrying an error code from
/// <see cref="Protocol.ErrorCodes"/> and a human message. Refusals are values, not exceptions.
/// </summary>
public readonly record struct Outcome(string? Code, string Message)
{
    public static readonly Outcome Success = new(null, "");

    public bool Ok => Code is null;

    public static Outcome Fail(string code, string message) => new(code, message);
}
