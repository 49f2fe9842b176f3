using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary>
/// What a handler decided: an ok reply, a refusal, or nothing (file chunks). <see cref="After"/>
/// runs once the reply is queued, for work whose frames must follow the reply (the joins after a login).
/// </summary>
public readonly record struct CommandResult(OkReply? Ok, Outcome Refusal, Action? After)
{
    public static readonly CommandResult Silent = new(null, Outcome.Success, null);

    public static CommandResult Done(OkReply ok, Action? after = null) => new(ok, Outcome.Success, after);

    public static CommandResult Fail(Outcome refusal) => new(null, refusal, null);

    public static CommandResult Fail(string code, string message) => new(null, Outcome.Fail(code, message), null);
}
