-- The checklist answers of one initiative, by decision point and item.
select
  decision_point,
  item_no,
  question,
  answer,
  comment
from checklist_answers_of($snapshot_id)
where initiative_id = $initiative_id
order by decision_point_order(decision_point), item_no
