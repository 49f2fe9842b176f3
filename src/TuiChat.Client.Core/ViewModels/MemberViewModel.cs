using TuiChat.Client.Core.Text;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>One member in the member list of a room or group, or the other person of a direct conversation.</summary>
public sealed partial class MemberViewModel : ObservableObject
{
    public MemberViewModel(string name, string role, bool online, bool isSelf)
    {
        Name = name;
        Role = role;
        Online = online;
        IsSelf = isSelf;
    }

    /// <summary>The user name as the server spells it; <see cref="Display"/> is what the screen shows.</summary>
    public string Name { get; }

    /// <summary>True for the user running this client.</summary>
    public bool IsSelf { get; }

    [ObservableProperty]
    [NotifyPropertyChangedFor(nameof(Display), nameof(Label))]
    public partial bool Online { get; internal set; }

    /// <summary><c>guest</c>, <c>user</c> or <c>admin</c>.</summary>
    [ObservableProperty]
    [NotifyPropertyChangedFor(nameof(Display))]
    public partial string Role { get; internal set; }

    /// <summary>The away text while the user is away (from <c>users</c> replies and <c>away</c> events); null when not.</summary>
    [ObservableProperty]
    [NotifyPropertyChangedFor(nameof(Display))]
    public partial string? Away { get; internal set; }

    /// <summary>"● alice (you)", "○ dave", "● root (admin)", "● visitor (guest)", "● bob (away)".</summary>
    public string Display => Label + Tags;

    /// <summary>Presence and name, what a narrow pane keeps: "● alice", "○ dave".</summary>
    public string Label => (Online ? "● " : "○ ") + TextSanitizer.ForLine(Name);

    /// <summary>Role, away and self, after the name: " (guest) (you)", " (admin)", "".</summary>
    private string Tags
    {
        get
        {
            string text = "";
            if (Role == Roles.Admin)
            {
                text += " (admin)";
            }
            else if (Role == Roles.Guest)
            {
                text += " (guest)";
            }
            if (Away is not null)
            {
                text += " (away)";
            }
            return IsSelf ? text + " (you)" : text;
        }
    }

    public override string ToString() => Display;
}
