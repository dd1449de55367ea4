namespace Wisp.Client.LocalData;

/// <summary>
/// The client database's tables, as numbered migrations. A database records the migrations it has applied in
/// <c>migrations</c>; opening it applies the ones it lacks, in order, each in its own transaction. Never edit a
/// migration that has shipped: add the next one.
/// </summary>
/// <remarks>
/// <para>What is encrypted (<see cref="EncryptedColumn"/>, under the account's <see cref="DataKey"/>): the seed,
/// contact nicknames and message bodies. What is not, because lookups need it: Account IDs of contacts, message
/// timestamps, statuses and server hashes, poll positions. Anyone who can read the file learns whom the account talks
/// to and when, but not what was said. Times are Unix milliseconds.</para>
/// </remarks>
internal static partial class ClientSchema
{
    /// <summary>The database file name inside a profile directory.</summary>
    public const string FileName = "client.db";

    /// <summary>The account's own seed (<c>account.seed</c>; row key: the Account ID).</summary>
    public static readonly EncryptedColumn AccountSeed = new("account", "seed");

    /// <summary>A contact's nickname (<c>contacts.nickname</c>; row key: the contact's Account ID).</summary>
    public static readonly EncryptedColumn ContactNickname = new("contacts", "nickname");

    /// <summary>A message's content (<c>messages.body</c>; row key: the message id).</summary>
    public static readonly EncryptedColumn MessageBody = new("messages", "body");

    /// <summary>A display name the peer sent, or this account's own (<c>profile_names.display_name</c>; row key: the Account ID).</summary>
    public static readonly EncryptedColumn DisplayName = new("profile_names", "display_name");

    /// <summary>The quoted text of a reply (<c>messages.quote_text</c>; row key: the message id).</summary>
    public static readonly EncryptedColumn QuoteText = new("messages", "quote_text");

    /// <summary>A group's name (<c>groups.name</c>; row key: the group ID).</summary>
    public static readonly EncryptedColumn GroupName = new("groups", "name");

    /// <summary>A group's description (<c>groups.description</c>; row key: the group ID).</summary>
    public static readonly EncryptedColumn GroupDescription = new("groups", "description");

    /// <summary>An admin's copy of the group's Ed25519 seed (<c>groups.admin_seed</c>; row key: the group ID).</summary>
    public static readonly EncryptedColumn GroupAdminSeed = new("groups", "admin_seed");

    /// <summary>A member's subaccount authentication data (<c>groups.member_auth</c>; row key: the group ID).</summary>
    public static readonly EncryptedColumn GroupMemberAuth = new("groups", "member_auth");

    /// <summary>A group's info config, as dumped (<c>groups.info_dump</c>; row key: the group ID).</summary>
    public static readonly EncryptedColumn GroupInfoDump = new("groups", "info_dump");

    /// <summary>A group's members config, as dumped (<c>groups.members_dump</c>; row key: the group ID).</summary>
    public static readonly EncryptedColumn GroupMembersDump = new("groups", "members_dump");

    /// <summary>One generation of a group's key (<c>group_keys.key</c>; row key: group ID + "/" + generation).</summary>
    public static readonly EncryptedColumn GroupKey = new("group_keys", "key");

    /// <summary>An attachment's serialized pointer (<c>attachments.pointer</c>; row key: "message:idx").</summary>
    public static readonly EncryptedColumn AttachmentPointer = new("attachments", "pointer");

    /// <summary>An attachment's file name (<c>attachments.file_name</c>; row key: "message:idx").</summary>
    public static readonly EncryptedColumn AttachmentFileName = new("attachments", "file_name");

    /// <summary>Where an attachment was saved (<c>attachments.saved_path</c>; row key: "message:idx").</summary>
    public static readonly EncryptedColumn AttachmentSavedPath = new("attachments", "saved_path");

    /// <summary>A profile picture's URL and key (<c>profile_pictures.picture</c>; row key: the Account ID).</summary>
    public static readonly EncryptedColumn ProfilePicture = new("profile_pictures", "picture");

    /// <summary>A community message's data as posted (<c>community_messages.data</c>; row key: "base_url/token/id").</summary>
    public static readonly EncryptedColumn CommunityMessageData = new("community_messages", "data");

    /// <summary>A community direct message's text (<c>community_dms.body</c>; row key: "base_url/in|out/id").</summary>
    public static readonly EncryptedColumn CommunityDmBody = new("community_dms", "body");

    /// <summary>
    /// The migrations, in order; a database at version N has applied the first N. Their statements live beside this file,
    /// one file per part of the app: messaging (1–6), groups (7), attachments (8), communities (9).
    /// </summary>
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "account, contacts, conversations, messages, poll_state", Step1),
        new(2, "messaging: conversation state and settings, outbox, read marks, seen hashes, swarm deletes", Step2),
        new(3, "outbox deadlines and a change feed every process of a profile follows", Step3),
        new(4, "a search index over keyed hashes of words", Step4),
        new(5, "display names, quoted replies, reactions, deleted messages", Step5),
        new(6, "what senders signed, remembered past the swarm's 14 days", Step6),
        new(7, "closed groups: groups, their members, key generations, poll state; group conversations and messages", Step7),
        new(8, "attachments of messages, their downloads, profile pictures", Step8),
        new(9, "communities: servers, rooms, their messages, direct messages", Step9),
        new(10, "protocol v2: account key ring, contact key cache, message sealing", Step10),
        new(11, "device groups: this device, its keys, the group's devices, link requests both ways", Step11),
        new(12, "Wisp's ratchet: one session per peer", Step12),
        new(13, "user config sync: libsession user config dumps, the last synced local view, sent-message copies", Step13),
        new(14, "push registrations: endpoint, service, notification key, namespaces, life", Step14),
        new(15, "direct mode: this device's direct key, per contact state and device keys, the path each message took", Step15),
        new(16, "signed history logs: own and replicated logs, their blocks, tree nodes, signed heads, refusals", Step16),
    ];

    /// <summary>The schema version this build writes: the number of the last migration.</summary>
    public static int CurrentVersion => Migrations[^1].Version;

    /// <summary>One step of the schema.</summary>
    /// <param name="Version">Its number, from 1, without gaps.</param>
    /// <param name="Name">What it adds, for the <c>migrations</c> table.</param>
    /// <param name="Sql">The statements.</param>
    public sealed record Migration(int Version, string Name, string Sql);
}
