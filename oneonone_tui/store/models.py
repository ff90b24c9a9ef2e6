"""Peewee models. The database is bound at run time through :data:`db`.

Each model's ``id`` and each foreign key's ``<name>_id`` (the related row's id, read
without a query) are declared for the type checker; peewee makes the same ones itself."""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from oneonone_tui.store.scope import current_manager

db = DatabaseProxy()

OWNERS = ("rep", "manager")
OPEN_STATUSES = ("open", "carried")
VERDICTS = ("done", "missed", "dropped", "carried")


class BaseModel(Model):
    id = AutoField()  # what peewee adds to a model without a primary key, spelled out

    class Meta:
        database = db
        legacy_table_names = False


class SchemaInfo(BaseModel):
    """One row: the schema version this database is at."""

    version = IntegerField()


class Rep(BaseModel):
    name = CharField()
    cadence = CharField(default="weekly")
    archived = BooleanField(default=False)
    created_at = DateTimeField()  # the caller's clock, never the wall clock
    # v6: whose team the rep is on; a name is unique within one manager's team
    manager = CharField(default=current_manager)

    class Meta:
        indexes = ((("manager", "name"), True),)


class Meeting(BaseModel):
    rep = ForeignKeyField(Rep, backref="meetings", on_delete="CASCADE")
    rep_id: int
    agenda_slug = CharField()
    agenda_name = CharField()
    agenda_json = TextField()  # frozen copy of the agenda as run
    status = CharField(default="in_progress")  # in_progress | completed
    started_at = DateTimeField()
    ended_at = DateTimeField(null=True)
    # v2: where the meeting stands, for resume after a crash
    phase = CharField(default="review")  # review | sections | summary
    current_section = IntegerField(default=0)
    review_skipped = BooleanField(default=False)
    # v4: how confident the rep sounded about the goal, 1-5 (seed 003)
    confidence = IntegerField(null=True)
    # v6: the manager who held it
    manager = CharField(default=current_manager)

    class Meta:
        indexes = ((("rep", "status", "started_at"), False),)


class SectionRun(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="section_runs", on_delete="CASCADE")
    meeting_id: int
    position = IntegerField()
    key = CharField()
    title = CharField()
    planned_seconds = IntegerField()
    actual_seconds = FloatField(default=0)
    # v2
    extra_seconds = IntegerField(default=0)
    visited = BooleanField(default=False)

    class Meta:
        indexes = ((("meeting", "position"), True),)


class Note(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="notes", on_delete="CASCADE")
    meeting_id: int
    section_key = CharField()
    text = TextField(default="")
    private = BooleanField(default=False)
    updated_at = DateTimeField()  # the caller's clock, never the wall clock

    class Meta:
        indexes = ((("meeting", "section_key"), True),)


class Commitment(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="commitments", on_delete="CASCADE")
    meeting_id: int
    rep = ForeignKeyField(Rep, backref="commitments", on_delete="CASCADE")
    rep_id: int
    owner = CharField()  # rep | manager
    text = TextField()
    due = DateField()
    status = CharField(default="open")  # open | carried | done | missed | dropped
    closed_in = ForeignKeyField(
        Meeting, null=True, backref="closed_commitments", on_delete="SET NULL"
    )
    closed_in_id: int | None
    note = TextField(default="")
    created_at = DateTimeField()  # the caller's clock, never the wall clock
    # v2
    carry_count = IntegerField(default=0)
    section_key = CharField(default="")

    class Meta:
        indexes = ((("rep", "status"), False),)


class ReviewMark(BaseModel):
    """v2: what the review at the start of ``meeting`` decided about an open commitment."""

    meeting = ForeignKeyField(Meeting, backref="review_marks", on_delete="CASCADE")
    meeting_id: int
    commitment = ForeignKeyField(Commitment, backref="review_marks", on_delete="CASCADE")
    commitment_id: int
    verdict = CharField()  # done | missed | dropped | carried
    reason = TextField(default="")
    old_due = DateField()
    new_due = DateField(null=True)
    prior_status = CharField()
    prior_carry_count = IntegerField(default=0)
    marked_at = DateTimeField()

    class Meta:
        indexes = ((("meeting", "commitment"), True),)


class Correction(BaseModel):
    """v3: a change made to a completed meeting afterwards, kept with its time."""

    meeting = ForeignKeyField(Meeting, backref="corrections", on_delete="CASCADE")
    meeting_id: int
    kind = CharField()  # note | commitment
    target = CharField()  # section key, or commitment id
    field = CharField()  # text | due | owner
    old_value = TextField()
    new_value = TextField()
    corrected_at = DateTimeField()


class MetricActual(BaseModel):
    """v4: a rep's actual for one metric and period (week or month start)."""

    rep = ForeignKeyField(Rep, backref="actuals", on_delete="CASCADE")
    rep_id: int
    metric = CharField()
    period_start = DateField()
    value = FloatField()
    meeting = ForeignKeyField(Meeting, null=True, backref="actuals", on_delete="SET NULL")
    meeting_id: int | None
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("rep", "metric", "period_start"), True),)


class MetricTarget(BaseModel):
    """v4: every change of a rep's own target, with its date and reason (never silent)."""

    rep = ForeignKeyField(Rep, backref="targets", on_delete="CASCADE")
    rep_id: int
    metric = CharField()
    target = FloatField()
    reason = TextField()
    changed_at = DateTimeField()
    meeting = ForeignKeyField(Meeting, null=True, backref="target_changes", on_delete="SET NULL")
    meeting_id: int | None

    class Meta:
        indexes = ((("rep", "metric", "changed_at"), False),)


class CoachingItem(BaseModel):
    """v4: the rep's coaching plan, which lives across meetings (seed 003, topic 4)."""

    rep = ForeignKeyField(Rep, backref="coaching", on_delete="CASCADE")
    rep_id: int
    kind = CharField()  # skill | goal | training
    text = TextField()
    status = CharField()  # skill: working | improving | done; goal: open | reached;
    #                       training: agreed | done
    removed = BooleanField(default=False)
    created_in = ForeignKeyField(Meeting, null=True, backref="coaching_added", on_delete="SET NULL")
    created_in_id: int | None


class CoachingChange(BaseModel):
    """v4: every change to the coaching plan, with the meeting it was made in."""

    item = ForeignKeyField(CoachingItem, backref="changes", on_delete="CASCADE")
    item_id: int
    meeting = ForeignKeyField(Meeting, null=True, backref="coaching_changes", on_delete="SET NULL")
    meeting_id: int | None
    action = CharField()  # added | status | text | removed
    value = TextField()
    changed_at = DateTimeField()


class Call(BaseModel):
    """v4: an important upcoming call (seed 003, topic 5); a joint one has a plan."""

    rep = ForeignKeyField(Rep, backref="calls", on_delete="CASCADE")
    rep_id: int
    meeting = ForeignKeyField(Meeting, backref="calls", on_delete="CASCADE")
    meeting_id: int
    account = CharField()
    day = DateField()
    purpose = TextField(default="")
    joint = BooleanField(default=False)
    plan_who = TextField(default="")
    plan_why = TextField(default="")
    plan_win = TextField(default="")
    plan_next_step = TextField(default="")
    outcome = CharField(null=True)  # won-next-step | lost | no-decision | did-not-happen
    debrief = TextField(default="")
    outcome_in = ForeignKeyField(Meeting, null=True, backref="call_outcomes", on_delete="SET NULL")
    outcome_in_id: int | None


ALL_MODELS = [
    SchemaInfo,
    Rep,
    Meeting,
    SectionRun,
    Note,
    Commitment,
    ReviewMark,
    Correction,
    MetricActual,
    MetricTarget,
    CoachingItem,
    CoachingChange,
    Call,
]
