-- The regional support-services directory: crisis lines and well-known helplines shown on
-- the help page, beside groups of the region, and at once when a post or search shows
-- crisis language. Written once for SQLite and PostgreSQL: explicit ids, no sequences,
-- booleans as INTEGER 0/1.
--
-- Every number, website and opening time must match what the organisation itself
-- publishes; this seed was compiled in 2025 and is reviewed on the schedule in
-- docs/support-services.md. Hours are given only where we were sure of them: an empty
-- value means "see the website", never "closed". To add or correct entries, write a new
-- numbered migration; never edit this file once released.
--
-- Ids are grouped by region so a later migration can add entries without collisions:
-- AU 1001.., GB 2001.., US 3001.., CA 4001.., NZ 5001.., IE 6001..

CREATE TABLE support_services (
  id BIGINT PRIMARY KEY,
  region TEXT NOT NULL,                  -- ISO 3166-1 alpha-2, e.g. 'GB'
  name TEXT NOT NULL,
  description TEXT NOT NULL,             -- one plain, warm sentence: who it is for
  phone TEXT NOT NULL DEFAULT '',
  text_number TEXT NOT NULL DEFAULT '',  -- SMS / text line, e.g. 'Text SHOUT to 85258'
  website TEXT NOT NULL DEFAULT '',      -- https URL
  hours TEXT NOT NULL DEFAULT '',        -- e.g. '24 hours, every day'
  crisis INTEGER NOT NULL DEFAULT 0,     -- 1 = for people in crisis right now
  sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX support_services_region ON support_services (region, sort_order);

-- Australia (emergency: 000)
INSERT INTO support_services (id, region, name, description, phone, text_number, website, hours, crisis, sort_order) VALUES
(1001, 'AU', 'Lifeline', 'Anyone in Australia who is having a hard time or thinking about suicide can talk with a trained crisis supporter by phone, text or online chat.', '13 11 14', 'Text 0477 13 11 14', 'https://www.lifeline.org.au', '24 hours, every day', 1, 10),
(1002, 'AU', '13YARN', 'Aboriginal and Torres Strait Islander people who are feeling overwhelmed or finding it hard to cope can yarn with an Aboriginal or Torres Strait Islander crisis supporter.', '13 92 76', '', 'https://www.13yarn.org.au', '24 hours, every day', 1, 20),
(1003, 'AU', 'Suicide Call Back Service', 'People who are thinking about suicide, caring for someone who is, or grieving someone lost to suicide can talk with a professional counsellor.', '1300 659 467', '', 'https://www.suicidecallbackservice.org.au', '24 hours, every day', 1, 30),
(1004, 'AU', 'Beyond Blue', 'Anyone feeling anxious, low or just not themselves can talk with a trained mental health counsellor, free and in confidence.', '1300 22 4636', '', 'https://www.beyondblue.org.au', '24 hours, every day', 0, 40),
(1005, 'AU', 'Carer Gateway', 'People caring for a family member or friend with a disability, a long-term illness, a mental illness or frailty can get practical help, counselling and respite.', '1800 422 737', '', 'https://www.carergateway.gov.au', 'Monday to Friday, 8am to 5pm local time; emergency respite 24 hours, every day', 0, 50),
(1006, 'AU', 'PANDA National Perinatal Mental Health Helpline', 'Expecting and new parents, and the people close to them, can talk with a counsellor about anxiety, depression and the big changes that come with a baby.', '1300 726 306', '', 'https://panda.org.au', '', 0, 60),
(1007, 'AU', 'Kids Helpline', 'Children and young people aged 5 to 25 can talk with a counsellor about anything that is worrying them, big or small.', '1800 55 1800', '', 'https://kidshelpline.com.au', '24 hours, every day', 0, 70);

-- United Kingdom (emergency: 999)
INSERT INTO support_services (id, region, name, description, phone, text_number, website, hours, crisis, sort_order) VALUES
(2001, 'GB', 'Samaritans', 'Whatever you are going through, a Samaritans volunteer will listen without judging, and the call is free from any phone.', '116 123', '', 'https://www.samaritans.org', '24 hours, every day', 1, 10),
(2002, 'GB', 'Shout', 'If you are struggling to cope and would rather text than talk, a trained Shout volunteer will text with you for free.', '', 'Text SHOUT to 85258', 'https://giveusashout.org', '24 hours, every day', 1, 20),
(2003, 'GB', 'NHS 111, mental health option', 'In England, people of any age in a mental health crisis, or worried about someone who is, can call 111 and choose the mental health option to reach their local NHS crisis team.', '111', '', 'https://111.nhs.uk', '24 hours, every day', 1, 30),
(2004, 'GB', 'PAPYRUS HOPELINE247', 'Young people under 35 who are having thoughts of suicide, and anyone worried about a young person, can talk with a trained adviser.', '0800 068 4141', '', 'https://www.papyrus-uk.org', '24 hours, every day', 1, 40),
(2005, 'GB', 'Mind Infoline', 'In England and Wales, anyone with questions about mental health, treatment or where to find support nearby can get clear, kind information.', '0300 123 3393', '', 'https://www.mind.org.uk', '9am to 6pm, Monday to Friday (closed on bank holidays)', 0, 50),
(2006, 'GB', 'Carers UK Helpline', 'Anyone looking after a family member or friend who is ill, disabled or older can get advice about their rights, money and support as a carer.', '0808 808 7777', '', 'https://www.carersuk.org', '', 0, 60);

-- United States (emergency: 911)
INSERT INTO support_services (id, region, name, description, phone, text_number, website, hours, crisis, sort_order) VALUES
(3001, 'US', '988 Suicide & Crisis Lifeline', 'Anyone in emotional distress or thinking about suicide, or worried about someone who is, can call or text 988 to reach a trained crisis counselor; veterans can press 1.', '988', 'Text 988', 'https://988lifeline.org', '24 hours, every day', 1, 10),
(3002, 'US', 'Crisis Text Line', 'If you are struggling and would rather text than talk, a trained volunteer crisis counselor will text with you for free.', '', 'Text HOME to 741741', 'https://www.crisistextline.org', '24 hours, every day', 1, 20),
(3003, 'US', 'NAMI HelpLine', 'People living with a mental health condition, and their families and caregivers, can get information, referrals and support from people who understand.', '1-800-950-6264', 'Text "helpline" to 62640', 'https://www.nami.org', 'Monday to Friday, 10am to 10pm Eastern Time', 0, 30),
(3004, 'US', 'National Maternal Mental Health Hotline', 'Pregnant and new mothers, and the people who love them, can call or text a professional counselor for support, in English or Spanish.', '1-833-852-6262', 'Text 1-833-852-6262', 'https://mchb.hrsa.gov/national-maternal-mental-health-hotline', '24 hours, every day', 0, 40),
(3005, 'US', 'Postpartum Support International HelpLine', 'Parents struggling with their mood or anxiety during pregnancy or after a baby arrives can get support and be connected to help near them.', '1-800-944-4773', 'Text 1-800-944-4773 (English) or 971-203-7773 (Spanish)', 'https://www.postpartum.net', '', 0, 50),
(3006, 'US', 'Alzheimer''s Association 24/7 Helpline', 'People caring for someone living with Alzheimer''s or another dementia can talk with a specialist at any hour, with interpreters in many languages.', '1-800-272-3900', '', 'https://www.alz.org', '24 hours, every day', 0, 60);

-- Canada (emergency: 911)
INSERT INTO support_services (id, region, name, description, phone, text_number, website, hours, crisis, sort_order) VALUES
(4001, 'CA', '9-8-8 Suicide Crisis Helpline', 'Anyone in Canada who is thinking about suicide, or worried about someone who is, can call or text 9-8-8 to reach a trained responder in English or French.', '9-8-8', 'Text 9-8-8', 'https://988.ca', '24 hours, every day', 1, 10),
(4002, 'CA', 'Kids Help Phone', 'Young people across Canada can talk or text with a counsellor or trained volunteer about anything on their mind, big or small.', '1-800-668-6868', 'Text CONNECT to 686868', 'https://kidshelpphone.ca', '24 hours, every day', 1, 20),
(4003, 'CA', 'Hope for Wellness Help Line', 'Indigenous peoples across Canada can talk with an experienced, culturally aware counsellor, in English or French and, on request, Cree, Ojibway or Inuktitut.', '1-855-242-3310', '', 'https://www.hopeforwellness.ca', '24 hours, every day', 1, 30),
(4004, 'CA', 'Canadian Mental Health Association', 'People living with mental illness and their families can find mental health programs and peer support close to home through their local CMHA.', '', '', 'https://cmha.ca', '', 0, 40),
(4005, 'CA', '211', 'Carers, new parents and anyone else looking for local community, social and health services can find them through 211, by phone or online.', '2-1-1', '', 'https://211.ca', '', 0, 50);

-- New Zealand (emergency: 111)
INSERT INTO support_services (id, region, name, description, phone, text_number, website, hours, crisis, sort_order) VALUES
(5001, 'NZ', '1737, Need to talk?', 'Anyone in Aotearoa New Zealand who is feeling down, anxious or overwhelmed, or just needs to talk, can call or text 1737 to reach a trained counsellor.', '1737', 'Text 1737', 'https://1737.org.nz', '24 hours, every day', 1, 10),
(5002, 'NZ', 'Lifeline Aotearoa', 'Anyone who is struggling or thinking about suicide can talk or text with a trained Lifeline counsellor or volunteer.', '0800 543 354', 'Text HELP (4357)', 'https://www.lifeline.org.nz', '24 hours, every day', 1, 20),
(5003, 'NZ', 'Suicide Crisis Helpline', 'People who are thinking about suicide, or worried about someone who is, can talk with a trained counsellor.', '0508 828 865', '', '', '24 hours, every day', 1, 30),
(5004, 'NZ', 'Samaritans Aotearoa', 'Anyone feeling lonely, distressed or in despair can talk with a Samaritans volunteer who will listen without judging.', '0800 726 666', '', 'https://samaritans.org.nz', '24 hours, every day', 1, 40),
(5005, 'NZ', 'Depression Helpline', 'Anyone who is feeling low or anxious, or worried about someone who is, can talk or text with a trained counsellor.', '0800 111 757', 'Text 4202', 'https://depression.org.nz', '24 hours, every day', 0, 50),
(5006, 'NZ', 'Healthline', 'Anyone with a health worry, for themselves or someone they care for, can talk with a registered nurse for free advice.', '0800 611 116', '', '', '24 hours, every day', 0, 60),
(5007, 'NZ', 'PlunketLine', 'Parents and caregivers of babies and young children can get free advice and reassurance from Plunket nurses, day or night.', '0800 933 922', '', 'https://www.plunket.org.nz', '24 hours, every day', 0, 70);

-- Ireland (emergency: 112 or 999)
INSERT INTO support_services (id, region, name, description, phone, text_number, website, hours, crisis, sort_order) VALUES
(6001, 'IE', 'Samaritans Ireland', 'Whatever you are going through, a Samaritans volunteer will listen without judging, and the call is free from any phone.', '116 123', '', 'https://www.samaritans.org/ireland/', '24 hours, every day', 1, 10),
(6002, 'IE', 'Pieta', 'People who are thinking about suicide or self-harm, and people bereaved by suicide, can talk or text with a trained Pieta counsellor.', '1800 247 247', 'Text HELP to 51444', 'https://www.pieta.ie', '24 hours, every day', 1, 20),
(6003, 'IE', 'Text About It', 'If you are struggling and would rather text than talk, a trained volunteer will text with you, free and at any hour.', '', 'Text HELLO to 50808', 'https://text50808.ie', '24 hours, every day', 1, 30),
(6004, 'IE', 'HSE YourMentalHealth Information Line', 'Anyone looking for mental health services and supports in their area can find out what is available and how to reach it.', '1800 111 888', '', 'https://www2.hse.ie/mental-health/', '24 hours, every day', 0, 40),
(6005, 'IE', 'Family Carers Ireland Careline', 'Family carers can get information, advice and a listening ear about caring, entitlements and the support available near them.', '1800 24 07 24', '', 'https://familycarers.ie', '', 0, 50);
