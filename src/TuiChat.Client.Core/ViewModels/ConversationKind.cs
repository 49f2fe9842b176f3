namespace TuiChat.Client.Core.ViewModels;

public enum ConversationKind
{
    /// <summary>A public room, <c>#name</c>.</summary>
    Room,

    /// <summary>A private group, <c>+name</c> (or a <c>#</c> room the server reports as private).</summary>
    Group,

    /// <summary>Direct messages with one user, shown as <c>@user</c>.</summary>
    Direct,
}
