#include "app/demo_content.hpp"

namespace hearth::demo {

const std::vector<Group>& groups() {
  static const std::vector<Group> all = {
      {"Carers of people with dementia",
       "For partners, children and friends caring for someone living with dementia.",
       "A place to talk about the daily reality of caring: the good days, the hard nights, the forms, the guilt "
       "and the small victories.\n\nWe are carers, not clinicians. For medical questions, please also talk to your "
       "GP or memory clinic.",
       "public", "GB", {"dementia", "carers", "alzheimers"},
       {"Be kind. Everyone here is doing their best.",
        "No names, addresses or photos of the person you care for.",
        "Share experience, not medical advice.",
        "If you are worried about someone's safety, use \"Get help now\"."},
       {}, true, 1, {2}, {0, 3, 4, 5},
       {{3, "Sundowning has started and I'm exhausted",
         "Mum has started getting very agitated around 5pm every day. She paces, asks to \"go home\" even though she "
         "is home, and sometimes doesn't recognise me until the morning.\n\nHow do you all get through the evenings? "
         "I haven't slept properly in weeks.",
         "", false,
         {{1, "That late-afternoon restlessness is so hard. What helped us: closing the curtains before dusk, lamps on "
              "early, and a walk after lunch so Dad was tired in a good way. It didn't stop it, but it shortened it."},
          {3, "Thank you, I hadn't thought about the light. We'll try lamps on at 4.", 0},
          {4, "Please also ask about respite. I waited far too long because I felt guilty. A sitter two evenings a "
              "week gave me my sleep back.", -1, true},
          {0, "Sending you strength. The evenings were the hardest part for us too."}},
         {1, 4, 0}},
        {2, "Power of attorney: what I wish I'd known earlier",
         "We only sorted lasting power of attorney after Dad's diagnosis, and it took months. A few things I learned:\n\n"
         "- Do both kinds (property and finance, and health and welfare)\n"
         "- Register it straight away, not \"when needed\"\n"
         "- Keep certified copies; banks each wanted their own\n\nHappy to answer questions.",
         "", false,
         {{5, "This is really useful, thank you. Did you need a solicitor or did you do it yourselves?"},
          {2, "We did it ourselves with the official forms. It was fiddly but fine.", 0}},
         {5, 3}}}},
      {"Type 1 diabetes: day to day",
       "Living with type 1: hypos, sick days, tech, work and everything in between.",
       "For adults living with type 1 diabetes and the people close to them. Share what works for you. Always check "
       "changes to your insulin with your diabetes team.",
       "public", "", {"diabetes", "type 1", "chronic illness"},
       {"Share experience, not dosing advice.", "Be respectful of every kind of management: pumps, pens, whatever works.",
        "No selling or promoting products."},
       {}, false, 6, {}, {0, 1, 7},
       {{7, "Night-time hypos after exercise",
         "I've started running three evenings a week and I keep going low around 3am. My CGM alarm wakes me but I'm "
         "wiped out the next day. Anyone else found a routine that works? (I'm seeing my nurse next week too.)",
         "", false,
         {{6, "Same here! A small snack with some protein before bed helped me, and my team adjusted my evening "
              "background dose on running days."},
          {0, "Glad you're seeing your nurse. Morning runs were easier for me, if that's ever possible."},
          {7, "I'll ask about the background dose, thank you both.", 0}},
         {6}}}},
      {"Early-career teachers' staffroom",
       "A private staffroom for teachers in their first five years.",
       "Somewhere to breathe out. Behaviour, marking, observations, imposter syndrome: ask anything.",
       "private", "", {"teaching", "work", "wellbeing"},
       {"What's said in the staffroom stays in the staffroom.", "Never identify pupils, parents or schools.",
        "Be generous with newer colleagues."},
       {"Which phase or subject do you teach?", "What are you hoping to find here?"}, false, 8, {}, {0, 2},
       {{8, "First observation tomorrow and I feel sick",
         "It's a Year 9 class that can be lively after lunch. I've planned it three times over. Any tips for calming "
         "the nerves?",
         "", false,
         {{2, "They want to see how you respond, not a perfect lesson. If something goes wrong, name it and adapt; "
              "that's the bit they'll remember."},
          {0, "Keep water nearby and have one thing you know will go well early on. You've got this."}},
         {2}}}},
      {"New parents at 3am",
       "For new parents awake at odd hours: feeding, sleep, feelings, and everything nobody warned you about.",
       "However you're feeding, however you're sleeping (or not), you're welcome here.\n\nIf you're struggling with "
       "your mood, please also speak to your health visitor, midwife or GP.",
       "public", "AU", {"parenting", "newborn", "postnatal"},
       {"No judgement about feeding choices.", "No medical advice; share what worked for you.",
        "Look after each other."},
       {}, true, 4, {}, {0, 3, 6},
       {{3, "Does it get easier?",
         "Eight weeks in. I love her so much and I also sometimes sit in the car for ten minutes because it's the "
         "only quiet place. Is that normal?",
         "low mood", true,
         {{4, "Completely normal, and the car is a great spot. It did get easier for us around 12 weeks, slowly, "
              "then all at once."},
          {6, "Please be gentle with yourself. If the low days outnumber the good ones, PANDA helped me a lot."},
          {3, "Thank you. I needed to hear that tonight.", 1, true}},
         {6, 0}}}},
      {"OCD support circle",
       "A private, moderated circle for people living with OCD.",
       "A calm place to share what OCD is like for you, without reassurance spirals. We support each other in "
       "sitting with uncertainty.",
       "private", "", {"ocd", "mental health", "anxiety"},
       {"Describe themes, not graphic details of intrusive thoughts; use content warnings.",
        "Please don't give reassurance about specific fears; support the person instead.",
        "No diagnosing each other."},
       {"What would you like the group to know about you?"}, true, 5, {1}, {0, 7},
       {{7, "Small win: I left the house without checking the stove",
         "Only once, and my heart was pounding the whole bus ride, but I did it. Six months ago that wasn't possible.",
         "", false,
         {{5, "That's not small at all. Well done for sitting with the discomfort."},
          {0, "Thank you for sharing this. It gives me hope."}},
         {5, 0, 1}}}},
      {"Hearth volunteers' room",
       "A hidden room for the volunteers who help moderate Hearth's demo groups.",
       "Coordination for volunteer moderators: rotas, tricky situations, and looking after ourselves too.",
       "hidden", "", {"volunteers"},
       {"Keep members' details out of this room.", "Step away when you need to; say so and someone will cover."},
       {}, false, 1, {2}, {0},
       {{1, "Rota for the holiday weeks",
         "Could everyone add the evenings they can cover over the holidays? Evenings are when members post most.",
         "", false,
         {{0, "I can take Tuesdays and Thursdays."}, {2, "Weekends for me.", 0}},
         {}}}},
  };
  return all;
}

}  // namespace hearth::demo
