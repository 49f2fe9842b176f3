using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Server.Commands;

/// <summary>One request type's logic. It decides and queues or returns frames; it never touches a socket.</summary>
public interface ICommandHandler
{
    CommandResult Handle(CommandContext context, Request request);
}

/// <summary>Base for handlers of one request record type.</summary>
public abstract class CommandHandler<TRequest> : ICommandHandler where TRequest : Request
{
    public CommandResult Handle(CommandContext context, Request request) => Handle(context, (TRequest)request);

    protected abstract CommandResult Handle(CommandContext context, TRequest request);

    /// <summary>Checks a room or group name; on failure <paramref name="refusal"/> is the room_invalid reply.</summary>
    protected static bool IsValidRoom(string room, out CommandResult refusal)
    {
        refusal = default;
        if (NameRules.TryValidateRoom(room, out string error))
        {
            return true;
        }
        refusal = CommandResult.Fail(ErrorCodes.RoomInvalid, error);
        return false;
    }

    /// <summary>An ok reply with no fields.</summary>
    protected static CommandResult Ok(CommandContext context) => CommandResult.Done(new OkReply { Re = context.Re });
}
