import { randomBytes } from 'node:crypto';

/** One activity of a conversation, as the Bot Connector stand-in saw it go by. */
export type RecordedActivity = {
  id: string;
  sender: 'user' | 'bot';
  activity: Record<string, unknown>;
  /**
   * The card this user sees in place of the posted one: what the bot answered their button press or Teams' refresh
   * with. Teams shows each user their own view; an update of the message by the bot replaces it for everyone.
   */
  view?: Record<string, unknown>;
  at: string;
  updatedAt?: string;
};

/** Every activity of every conversation, in order, in memory: what a user would scroll through in Teams. */
export class ConversationLog {
  private readonly conversations = new Map<string, RecordedActivity[]>();
  private sequence = 0;

  constructor(private readonly now: () => number) {}

  /** A new message id, increasing, as Teams' are (its message ids are times in milliseconds). */
  nextId(sender: 'user' | 'bot'): string {
    this.sequence += 1;
    const stamp = `${this.now()}${String(this.sequence).padStart(4, '0')}`;
    return sender === 'bot' ? `1:${stamp}${randomBytes(3).toString('hex')}` : stamp;
  }

  append(conversationId: string, sender: 'user' | 'bot', activity: Record<string, unknown>): RecordedActivity {
    const id = typeof activity.id === 'string' && sender === 'user' ? activity.id : this.nextId(sender);
    const recorded: RecordedActivity = {
      id,
      sender,
      activity: { ...activity, id },
      at: new Date(this.now()).toISOString(),
    };
    this.entries(conversationId).push(recorded);
    return recorded;
  }

  find(conversationId: string, activityId: string): RecordedActivity | undefined {
    return this.conversations.get(conversationId)?.find((entry) => entry.id === activityId);
  }

  /** Replaces a message the bot posted; false when there is no such message of the bot's. */
  update(conversationId: string, activityId: string, activity: Record<string, unknown>): boolean {
    const entry = this.find(conversationId, activityId);
    if (entry?.sender !== 'bot') return false;
    entry.activity = { ...activity, id: activityId };
    entry.view = undefined;
    entry.updatedAt = new Date(this.now()).toISOString();
    return true;
  }

  setView(conversationId: string, activityId: string, card: Record<string, unknown>): void {
    const entry = this.find(conversationId, activityId);
    if (entry) entry.view = card;
  }

  list(conversationId: string): RecordedActivity[] {
    return structuredClone(this.conversations.get(conversationId) ?? []);
  }

  private entries(conversationId: string): RecordedActivity[] {
    let entries = this.conversations.get(conversationId);
    if (!entries) {
      entries = [];
      this.conversations.set(conversationId, entries);
    }
    return entries;
  }
}
